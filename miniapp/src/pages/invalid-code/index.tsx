import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../routes';
import './index.css';

export default function InvalidCodePage() {
  const goToStreet = () => {
    void Taro.switchTab({ url: ROUTES.home });
  };

  return (
    <View className="page invalid-code">
      <View className="invalid-code__mark">!</View>
      <Text className="invalid-code__title">二维码无效</Text>
      <Text className="invalid-code__text">
        这个二维码无法识别，可能已经失效或印刷不完整。请扫描店铺门口张贴的最新二维码，或直接在街区中查找店铺。
      </Text>
      <Button type="primary" onClick={goToStreet}>
        返回金元街
      </Button>
    </View>
  );
}
